/**
 * Reading the generated API types (schema.d.ts, `npm run api:types`): named schemas, and the
 * replies and bodies of operations whose shapes have no name of their own.
 */
import type { components, paths } from './schema.d.ts';

export type Schemas = components['schemas'];
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends ApiPath, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON reply of an operation with a given status: `Reply<'/api/v1/users/{id}'>`. */
export type Reply<P extends ApiPath, M extends Method = 'get', S extends number = 200> =
  Operation<P, M> extends {
    responses: infer R;
  }
    ? S extends keyof R
      ? JsonOf<R[S]>
      : never
    : never;

/** The JSON body an operation takes. */
export type Body<P extends ApiPath, M extends Method> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** One item of a list route's page: `ListItem<'/api/v1/projects'>`. */
export type ListItem<P extends ApiPath> = Reply<P> extends { items: (infer I)[] } ? I : never;

/** The query parameters a GET route takes. */
export type QueryOf<P extends ApiPath> = Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
