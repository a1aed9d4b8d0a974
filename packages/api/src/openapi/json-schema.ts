/** The JSON Schema (2020-12, as OpenAPI 3.1 uses it) this API's documents are made of. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}
