import { isSkiffError } from '@skiff/errors';
import { matchesFilters, parseFilters, recordField } from '../src/filters';

const item = recordField(
  { id: 'web-1', image: 'docker.io/library/nginx:latest', 'runtime.name': 'builtin', status: '' },
  { app: 'web', 'com.example.tier': 'front,end', 'containerd.io/gc.ref.content.l.0': 'sha256:abc' },
);
const matches = (...filters: string[]) => matchesFilters(parseFilters(filters), item);

test('no filters match everything', () => {
  expect(matches()).toBe(true);
});

test('==, !=, ~= and bare fields', () => {
  expect(matches('id==web-1')).toBe(true);
  expect(matches('id==web')).toBe(false);
  expect(matches('id!=web')).toBe(true);
  expect(matches('id!=web-1')).toBe(false);
  expect(matches('image~=^docker\\.io/')).toBe(true);
  expect(matches('image~=nginx')).toBe(true);
  expect(matches('image~=^nginx')).toBe(false);
  expect(matches('app')).toBe(false);
  expect(matches('labels.app')).toBe(true);
  expect(matches('status')).toBe(false);
  expect(matches('missing!=x')).toBe(true);
  expect(matches('missing~=.*')).toBe(false);
});

test('dotted paths: sub-messages and label keys with dots and slashes', () => {
  expect(matches('runtime.name==builtin')).toBe(true);
  expect(matches('labels.com.example.tier=="front,end"')).toBe(true);
  expect(matches('labels.containerd.io/gc.ref.content.l.0==sha256:abc')).toBe(true);
});

test('conditions in one filter are ANDed, filters are ORed', () => {
  expect(matches('id==web-1,labels.app==web')).toBe(true);
  expect(matches('id==web-1,labels.app==db')).toBe(false);
  expect(matches('id==nope', 'labels.app==web')).toBe(true);
  expect(matches('id==nope', 'labels.app==db')).toBe(false);
  expect(matches('id==web-1, labels.app==web')).toBe(true);
});

test('quoted values hold commas, equals signs and escaped quotes', () => {
  const parsed = parseFilters(['labels.q=="a,b==c \\"d\\"",id==x']);
  expect(parsed[0]).toEqual([
    { field: 'labels.q', op: '==', value: 'a,b==c "d"' },
    { field: 'id', op: '==', value: 'x' },
  ]);
  expect(parseFilters(['id==']).at(0)).toEqual([{ field: 'id', op: '==', value: '' }]);
});

test.each([
  ['', /empty filter/],
  ['==x', /missing field name/],
  ['id==x,', /missing field name/],
  ['id=="x', /unterminated/],
  ['id=="x"y', /after quoted value/],
  ['id==a"b', /quote may only open/],
  ['image~=(', /invalid regular expression/],
  ['a b==c', /invalid field name/],
])('malformed filter %p is INVALID_ARGUMENT', (filter, message) => {
  let err: unknown;
  try {
    parseFilters([filter]);
  } catch (e) {
    err = e;
  }
  expect(isSkiffError(err, 'InvalidArgument')).toBe(true);
  expect((err as Error).message).toMatch(message);
});
