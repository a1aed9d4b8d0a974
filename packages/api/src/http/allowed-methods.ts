/** A registered route as the router knows it: a method and a pattern (`/v1/orders/:id/confirm`). */
export interface RouteShape {
  readonly method: string;
  readonly url: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route pattern as a regular expression over a request path (`:id` is one segment). */
const patternOf = (url: string): RegExp =>
  new RegExp(
    `^${url
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : escape(segment),
      )
      .join('/')}/?$`,
  );

const isCatchAll = (url: string): boolean => url === '*' || url === '/*';

/**
 * The methods some route answers at `path`, sorted; empty when no route has that path. A
 * catch-all route (CORS's `OPTIONS *`) does not make a path known, but its method is allowed on
 * every path that is.
 */
export const allowedMethods = (routes: readonly RouteShape[], path: string): string[] => {
  const methods = new Set<string>();
  for (const route of routes)
    if (!isCatchAll(route.url) && patternOf(route.url).test(path)) methods.add(route.method);
  if (methods.size === 0) return [];
  for (const route of routes) if (isCatchAll(route.url)) methods.add(route.method);
  return [...methods].sort();
};
