import { z } from '@hono/zod-openapi';
import { createRouter, defineRoute, depsOf, json } from '../kernel/http.ts';

const SettingsSchema = z
  .object({
    currency: z.string().openapi({ example: 'EUR', description: 'ISO 4217 code of the installation’s currency' }),
    version: z.string().openapi({ example: '0.1.0' }),
  })
  .openapi('Settings');

const getSettings = defineRoute('public', {
  operationId: 'getSettings',
  method: 'get',
  path: '/settings',
  tags: ['Settings'],
  summary: 'Installation settings the web app needs before sign-in (currency, version)',
  responses: { 200: json(SettingsSchema, 'The installation’s settings') },
});

/** Public, read-only settings of this installation. */
export function settingsRoutes() {
  const router = createRouter();
  router.openapi(getSettings, (c) => {
    const { config } = depsOf(c);
    return c.json({ currency: config.currency, version: config.version }, 200);
  });
  return router;
}
