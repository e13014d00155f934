import { z } from '@hono/zod-openapi';

export const SEARCH_KINDS = ['project', 'request', 'person', 'pmo', 'standard'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .openapi({ description: 'Words to find, each as a prefix: "dat pla" finds "Data platform"; codes too ("REQ-0009", "0009")' }),
  kinds: z
    .string()
    .regex(/^[a-z]+(,[a-z]+)*$/, 'is a comma-separated list of kinds')
    .optional()
    .openapi({ description: `Kinds to search, comma-separated (default all): ${SEARCH_KINDS.join(', ')}` }),
  limit: z.coerce.number().int().min(1).max(50).default(8).openapi({ description: 'Hits per kind (1–50, default 8)' }),
});

export const SearchHitSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    code: z.string().nullable(),
    title: z.string(),
    subtitle: z.string().nullable(),
    href: z.string().openapi({ description: "The record's page in the web app" }),
  })
  .openapi('SearchHit');

export const SearchReplySchema = z
  .object({
    q: z.string(),
    items: z.array(SearchHitSchema).openapi({ description: 'Best first within each kind; kinds in the order asked' }),
  })
  .openapi('SearchReply');

export type SearchHit = z.infer<typeof SearchHitSchema>;
