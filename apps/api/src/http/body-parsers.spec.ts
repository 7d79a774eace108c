import { jsonDepth } from './body-parsers';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('[[[[[[]]]]]]')).toBe(6);
  });

  it('ignores brackets inside strings, including escaped quotes', () => {
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
  });

  it('is zero for scalars', () => {
    expect(jsonDepth('"x"')).toBe(0);
    expect(jsonDepth('42')).toBe(0);
  });
});
