import * as t from 'io-ts';

/**
 * The io-ts type `strictObject` builds: it keeps its required and optional props so the
 * OpenAPI document and refusal messages can read the shape the decoder checks.
 */
export class StrictObjectType<R extends t.Props, O extends t.Props, A> extends t.Type<
  A,
  unknown,
  unknown
> {
  readonly _tag = 'StrictObjectType' as const;
  constructor(
    name: string,
    is: StrictObjectType<R, O, A>['is'],
    validate: StrictObjectType<R, O, A>['validate'],
    encode: StrictObjectType<R, O, A>['encode'],
    readonly required: R,
    readonly optional: O,
  ) {
    super(name, is, validate, encode);
  }

  /** The props, without the type parameters (what a reader of any strict object needs). */
  get shape(): { readonly required: t.Props; readonly optional: t.Props } {
    return { required: this.required, optional: this.optional };
  }
}
