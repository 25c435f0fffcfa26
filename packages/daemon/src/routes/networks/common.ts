// The network service behind the routes that change networks (bridge networking is optional in route tests).
import { notImplemented } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import type { NetworkService } from '../../network/service';

export function networking(deps: ApiDeps): NetworkService {
  const n = deps.containers.network;
  if (!n) throw notImplemented('this skiffd runs without bridge networking');
  return n;
}
