// A safety net for registry tests: any request the client would send to a host other than
// 127.0.0.1/localhost fails before it leaves, so a broken fallback can never reach Docker Hub.
import { HttpTransport } from '../../../src/registry/transport';

export function localTrafficOnly(): void {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    const original = HttpTransport.prototype.send;
    HttpTransport.prototype.send = function guarded(this: HttpTransport, request) {
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(request.url.hostname)) {
        return Promise.reject(new Error(`test tried to reach ${request.url.href}`));
      }
      return original.call(this, request);
    };
    restore = () => {
      HttpTransport.prototype.send = original;
    };
  });
  afterAll(() => restore?.());
}
