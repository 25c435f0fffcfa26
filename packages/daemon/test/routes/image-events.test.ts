// Image events on the bus, with dockerd's ids and names: tag, untag, delete, pull, push, save.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const imageEvents = () => d.events.recent().filter((e) => e.Type === 'image').map((e) => [e.Action, e.Actor.ID, e.Actor.Attributes.name]);

it('publishes tag, untag, delete, pull, push and save', async () => {
  const id = d.busyboxId;
  expect((await d.app.inject({ method: 'POST', url: '/images/busybox/tag?repo=localhost:5000/bb&tag=v1' })).statusCode).toBe(201);
  await d.app.inject({ method: 'POST', url: '/images/localhost:5000/bb:v1/push' });
  await d.app.inject({ method: 'GET', url: '/images/get?names=busybox' });
  await d.app.inject({ method: 'DELETE', url: '/images/localhost:5000/bb:v1' });
  await d.app.inject({ method: 'DELETE', url: '/images/busybox' });
  d.transfer.registry.set('localhost:5000/app:v1', { Cmd: ['app'] });
  await d.app.inject({ method: 'POST', url: '/images/create?fromImage=localhost:5000/app&tag=v1' });
  expect(imageEvents()).toEqual([
    ['tag', id, 'localhost:5000/bb:v1'],
    ['push', 'localhost:5000/bb:v1', 'localhost:5000/bb'],
    ['save', id, 'busybox:latest'],
    ['untag', id, id],
    ['untag', id, id],
    ['delete', id, id],
    ['pull', 'localhost:5000/app:v1', 'localhost:5000/app'],
  ]);
});
