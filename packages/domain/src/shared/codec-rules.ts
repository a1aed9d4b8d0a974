/**
 * What each named domain codec accepts, in words a client can act on. Kept beside the codecs so a
 * refusal says the rule ("1–64 characters from A–Z a–z 0–9 _ . -"), never the codec's internal
 * name ("expected Id"). The HTTP layer looks a failing codec up here by its `name`.
 */
export const codecRules: Readonly<Record<string, string>> = {
  Id: '1–64 characters from A–Z a–z 0–9 _ . -',
  Unit: '1–16 characters from A–Z a–z 0–9 _ . / -',
  CalendarDate: 'a calendar date YYYY-MM-DD',
  Quantity: 'a decimal string with at most 3 decimal places',
  PositiveQuantity: 'a decimal string greater than 0 with at most 3 decimal places',
  NonNegativeQuantity: 'a decimal string of 0 or more with at most 3 decimal places',
  Money: 'a decimal string with at most 2 decimal places',
  PositiveMoney: 'a decimal string greater than 0 with at most 2 decimal places',
  NonNegativeMoney: 'a decimal string of 0 or more with at most 2 decimal places',
  UnitCost: 'a decimal string of 0 or more with at most 6 decimal places',
  OrderItems: 'an array of 1–200 lines',
  FulfilmentRequestLines: 'an array of 1–200 lines, at most one per product',
  PurchaseLines: 'an array of 1–200 lines, at most one per product',
  QuantityLines: 'an array of 1–200 lines, at most one per product',
};

/** The rule for a codec name, or undefined when the codec is not one of the domain's. */
export const codecRule = (name: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(codecRules, name) ? codecRules[name] : undefined;
