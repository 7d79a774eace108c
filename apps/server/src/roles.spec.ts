import { parseRoles } from './roles';

describe('parseRoles', () => {
  it('reads one role or both, in any order and spacing', () => {
    expect([...parseRoles('api,worker')]).toEqual(['api', 'worker']);
    expect([...parseRoles(' worker , api ')]).toEqual(['worker', 'api']);
    expect([...parseRoles('worker')]).toEqual(['worker']);
  });

  it('refuses an unknown role or none, naming the setting', () => {
    expect(() => parseRoles('api,web')).toThrow(/ROLES: unknown role "web"/);
    expect(() => parseRoles(' , ')).toThrow(/ROLES: name at least one/);
  });
});
