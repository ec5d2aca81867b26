import type { ForwardingConfig } from './config';

/** Destination ids for a form, in the order the routes name them, each once. */
export type Router = (form: string) => string[];

/** Routes from the agency config; a route's `forms` may hold "*" for every form. */
export function createRouter(config: Pick<ForwardingConfig, 'routes'>): Router {
  const routes = config.routes.map((route) => ({ forms: new Set(route.forms), to: route.to }));
  return (form) => {
    const ids = new Set<string>();
    for (const route of routes) {
      if (route.forms.has(form) || route.forms.has('*')) route.to.forEach((id) => ids.add(id));
    }
    return [...ids];
  };
}
