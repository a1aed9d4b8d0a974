import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/**
 * Every answer the e2e suites receive, checked against the live OpenAPI document: the route
 * (path template + method) must list the status, and the body must pass that status's schema
 * (ajv 8, JSON Schema 2020-12 as OpenAPI 3.1 uses it). An answer on a path the document does
 * not know (404) or a method it does not list there (405) must still be the error envelope.
 */

interface MediaType {
  readonly schema?: unknown;
}
interface Header {
  readonly required?: boolean;
  readonly schema?: unknown;
}
interface Response {
  readonly content?: Record<string, MediaType>;
  readonly headers?: Record<string, Header>;
}
interface Operation {
  readonly operationId?: string;
  readonly responses: Record<string, Response>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

/** One document's compiled checks (ajv compiles each schema once). */
export interface DocumentChecker {
  check(answer: CheckedAnswer): string | undefined;
}

export interface CheckedAnswer {
  readonly method: string;
  /** The request path, with its query string if any. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  /** Parsed JSON, the text of a non-JSON answer, or undefined for an empty one. */
  readonly body: unknown;
  /** A response header by name (case-insensitive), null when absent. */
  readonly header?: (name: string) => string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Inlines `#/...` references (the document's schemas are not recursive). */
const inline = (node: unknown, root: unknown): unknown => {
  if (Array.isArray(node)) return node.map((n) => inline(n, root));
  if (!isRecord(node)) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/'))
      target = isRecord(target)
        ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')]
        : undefined;
    if (target === undefined) throw new Error(`unresolved ${ref}`);
    return inline(target, root);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, root)]));
};

interface Template {
  readonly path: string;
  readonly pattern: RegExp;
  readonly params: number;
}

const templatesOf = (document: OpenApiDocument): Template[] =>
  Object.keys(document.paths)
    .map((path) => ({
      path,
      pattern: new RegExp(
        `^${path
          .split(/\{[^}]+\}/)
          .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}$`,
      ),
      params: (path.match(/\{/g) ?? []).length,
    }))
    // Static segments win over parameters, as in the router.
    .sort((a, b) => a.params - b.params);

const mediaTypeOf = (contentType: string | null): string | undefined =>
  contentType?.split(';')[0]?.trim().toLowerCase();

export const documentChecker = (document: OpenApiDocument): DocumentChecker => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // CommonJS: the default import is the module, whose `default` is the plugin.
  ajvFormats.default(ajv);
  const templates = templatesOf(document);
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: unknown): ValidateFunction => {
    let validate = compiled.get(key);
    if (validate === undefined) {
      const inlined = inline(schema, document);
      if (!isRecord(inlined) && typeof inlined !== 'boolean') throw new Error(`no schema: ${key}`);
      validate = ajv.compile(inlined);
      compiled.set(key, validate);
    }
    return validate;
  };
  const errorEnvelope = document.components?.schemas?.['Error'];

  const checkBody = (key: string, schema: unknown, body: unknown): string | undefined => {
    const validate = validatorFor(key, schema);
    return validate(body) ? undefined : `${key}: ${ajv.errorsText(validate.errors)}`;
  };

  return {
    check: ({ method, path, status, contentType, body, header }) => {
      const pathname = path.split('?')[0] ?? path;
      const template = templates.find((t) => t.pattern.test(pathname));
      const lower = method.toLowerCase();
      const operation =
        template?.path === undefined
          ? undefined
          : document.paths[template.path]?.[lower === 'head' ? 'get' : lower];
      const where = `${method} ${path} → ${status}`;
      if (template === undefined || operation === undefined) {
        // Not a documented operation: a 404 or 405 (or a framework refusal), in the envelope.
        if (status < 400) return `${where}: not in the document`;
        if (body === undefined && (method === 'HEAD' || status === 405)) return undefined;
        return checkBody(`Error`, errorEnvelope, body);
      }
      const response = operation.responses[String(status)];
      if (response === undefined)
        return `${where}: status not listed for ${operation.operationId ?? lower + ' ' + template.path} (${Object.keys(operation.responses).join(', ')})`;
      for (const [name, declared] of Object.entries(response.headers ?? {})) {
        const value = header?.(name) ?? null;
        if (value === null) {
          if (declared.required === true && header !== undefined)
            return `${where}: no ${name} header, the document requires it`;
          continue;
        }
        const problem = checkBody(`${name} header`, declared.schema ?? {}, value);
        if (problem !== undefined) return `${where}: ${problem}`;
      }
      if (method === 'HEAD' || body === undefined) {
        if (body === undefined && method !== 'HEAD' && response.content !== undefined)
          return `${where}: empty body, the document promises content`;
        return undefined;
      }
      const media = mediaTypeOf(contentType);
      const content = response.content ?? {};
      const documented = media === undefined ? undefined : content[media];
      if (documented === undefined)
        return `${where}: content type ${contentType ?? 'none'} not documented (${Object.keys(content).join(', ')})`;
      return checkBody(
        `${lower} ${template.path} ${status} ${media ?? ''}`,
        documented.schema ?? {},
        body,
      );
    },
  };
};
