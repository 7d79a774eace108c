import 'reflect-metadata';
import { Controller, Get, Post } from '@nestjs/common';
import { Access } from './access.decorator';
import { ROUTE_ACCESS, routeAccessTable } from './route-roles';

@Controller('v1/things')
class ThingsController {
  @Get()
  @Access('authenticated')
  list(): string[] {
    return [];
  }

  @Post(':id/undeclared')
  undeclared(): void {}

  @Get(':id')
  @Access(['admin'])
  get(): string {
    return '';
  }
}

describe('routeAccessTable', () => {
  it('keys each decorated handler by method and full path, and leaves an undecorated one out (deny by default)', () => {
    expect(routeAccessTable([ThingsController])).toEqual({
      'GET /v1/things': 'authenticated',
      'GET /v1/things/:id': ['admin'],
    });
  });

  it("builds the api's table from its controllers", () => {
    expect(ROUTE_ACCESS['GET /health']).toBe('public');
    expect(ROUTE_ACCESS['POST /v1/claims/:id/start']).toEqual(['reviewer']);
    expect(ROUTE_ACCESS['POST /v1/articles/bulk']).toEqual(['admin', 'editor']);
    expect(ROUTE_ACCESS['POST /v1/claims/:id/matches/:otherId/confirm']).toEqual(['admin', 'editor']);
    expect(ROUTE_ACCESS['DELETE /v1/sources/:id']).toEqual(['admin', 'editor']);
    expect(ROUTE_ACCESS['GET /v1/claimreviews']).toBe('public');
    expect(ROUTE_ACCESS['POST /v1/webhooks']).toEqual(['admin']);
    expect(ROUTE_ACCESS['POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver']).toEqual(['admin']);
    expect(ROUTE_ACCESS['GET /v1/search']).toBe('authenticated');
    expect(ROUTE_ACCESS['GET /v1/stats']).toEqual(['admin', 'editor']);
    expect(ROUTE_ACCESS['GET /v1/claims/export.csv']).toEqual(['admin', 'editor']);
    expect(Object.keys(ROUTE_ACCESS)).toHaveLength(63);
  });
});
