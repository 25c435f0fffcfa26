import { isSkiffError } from '@skiff/errors';
import { ContainerStateSchema, validateContainerState } from '../src';

const runcState = {
  ociVersion: '1.0.2-dev',
  id: 'web',
  pid: 4242,
  status: 'running',
  bundle: '/run/skiff/bundles/web',
  rootfs: '/run/skiff/bundles/web/rootfs',
  created: '2024-02-02T10:11:12.123456789Z',
  owner: '',
};

function messageOf(value: unknown): string {
  try {
    validateContainerState(value);
  } catch (err) {
    if (isSkiffError(err, 'InvalidArgument')) return err.message;
    throw err;
  }
  throw new Error('expected an InvalidArgument error');
}

describe('container state', () => {
  it('reads what runc state prints', () => {
    expect(validateContainerState(runcState)).toEqual(runcState);
  });

  it('reads a bare spec state and a paused one', () => {
    const bare = { ociVersion: '1.3.0', id: 'x', status: 'stopped', bundle: '/b', annotations: { a: 'b' } };
    expect(validateContainerState(bare)).toEqual(bare);
    expect(validateContainerState({ ...runcState, status: 'paused' }).status).toBe('paused');
  });

  it('accepts the creation time with a local offset and without fractions', () => {
    for (const created of ['2024-02-02T11:11:12.5+01:00', '2024-02-02T10:11:12Z']) {
      expect(ContainerStateSchema.safeParse({ ...runcState, created }).success).toBe(true);
    }
  });

  it('names what is wrong', () => {
    expect(messageOf({ ...runcState, status: 'exited' })).toBe(
      'state: status: expected one of "creating", "created", "running", "stopped", "paused"',
    );
    expect(messageOf({ ...runcState, created: 'yesterday' })).toBe('state: created: Invalid ISO datetime');
    expect(messageOf({ ...runcState, pid: undefined })).toBe('state: pid: required when status is "running"');
    expect(messageOf({ ...runcState, id: '' })).toBe('state: id: must not be empty');
  });
});
