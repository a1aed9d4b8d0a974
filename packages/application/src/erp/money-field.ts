import { isRecord, Money } from '@erpcore/domain';

/**
 * A money field of an event's stored (encoded) data, shown as the API shows money (`15.00`):
 * stored events drop trailing zeros, answers do not. Undefined when the field is absent.
 */
export const moneyField = (data: unknown, key: string): string | undefined => {
  if (!isRecord(data)) return undefined;
  const value = data[key];
  const parsed = typeof value === 'string' ? Money.parse(value) : undefined;
  return parsed === undefined ? undefined : Money.format(parsed);
};
