import type { INestApplication } from '@nestjs/common';

export interface RegisteredRoute {
  method: string;
  path: string;
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

interface ExpressApp {
  router: { stack: ExpressLayer[] };
}

/**
 * Every route the running application answers, read from express's own router (so nothing a
 * module registers can be missed): method in upper case and the path pattern, e.g.
 * `GET /api/persons/:id`.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as ExpressApp;
  const routes: RegisteredRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // A wildcard path is route-bound middleware, not an endpoint: Nest binds middleware applied
    // forRoutes('*') (nestjs-pino's request context, on /api{/*splat}) as an express route for
    // every method. No controller of the portal declares a wildcard route.
    if ([layer.route.path].flat().some((path) => path.includes('*'))) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (!on || method === '_all') continue;
      for (const path of paths) routes.push({ method: method.toUpperCase(), path });
    }
  }
  return routes;
}
