/** One mount(2) call, in skiff.types.v1.Mount's shape (structurally its __Output type). */
export interface Mount {
  type: string;
  source: string;
  /** Relative to the root filesystem; "" (always, for a snapshot) is the root itself. */
  target: string;
  options: string[];
}
