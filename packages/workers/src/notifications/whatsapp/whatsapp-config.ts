import * as t from 'io-ts';
import { describePayloadErrors } from '../../jobs/payload-errors.js';

/** The WhatsApp Cloud API settings (README, configuration). The token is a secret: never logged. */
export interface WhatsappConfig {
  /** Graph API base, e.g. https://graph.facebook.com/v21.0 (tests: a local stand-in). */
  readonly apiUrl: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  /** Template names, as approved in WhatsApp Manager. */
  readonly templates: {
    readonly orderConfirmed: string;
    readonly orderDelivered: string;
    readonly debtReminder: string;
  };
  /** Template language code, e.g. `es_AR`. */
  readonly language: string;
}

export const defaultWhatsappApiUrl = 'https://graph.facebook.com/v21.0';

const nonEmpty = (name: string, pattern: RegExp) =>
  t.refinement(t.string, (s) => pattern.test(s), name);

const EnvC = t.partial({
  WHATSAPP_API_URL: nonEmpty('HttpUrl', /^https?:\/\/[^\s]+[^/\s]$/),
  WHATSAPP_PHONE_NUMBER_ID: nonEmpty('PhoneNumberId', /^\d{1,32}$/),
  WHATSAPP_ACCESS_TOKEN: nonEmpty('AccessToken', /^\S{16,}$/),
  WHATSAPP_TEMPLATE_ORDER_CONFIRMED: nonEmpty('TemplateName', /^[a-z0-9_]{1,512}$/),
  WHATSAPP_TEMPLATE_ORDER_DELIVERED: nonEmpty('TemplateName', /^[a-z0-9_]{1,512}$/),
  WHATSAPP_TEMPLATE_DEBT_REMINDER: nonEmpty('TemplateName', /^[a-z0-9_]{1,512}$/),
  WHATSAPP_LANGUAGE: nonEmpty('LanguageCode', /^[a-z]{2,3}(_[A-Z]{2})?$/),
});

/** An unusable WhatsApp setting; the message names the variable (never the token's value). */
export class WhatsappConfigError extends Error {
  override readonly name = 'WhatsappConfigError';
}

/**
 * Decodes the WhatsApp settings: null when neither the phone number id nor the token is set (the
 * channel is off); both or neither, never one. Empty strings count as unset.
 */
export const loadWhatsappConfig = (
  env: Readonly<Record<string, string | undefined>>,
): WhatsappConfig | null => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && k in EnvC.props),
  );
  const decoded = EnvC.decode(present);
  if (decoded._tag === 'Left')
    // describePayloadErrors names the path and the expected type, not the value.
    throw new WhatsappConfigError(`invalid configuration: ${describePayloadErrors(decoded.left)}`);
  const e = decoded.right;
  if (e.WHATSAPP_PHONE_NUMBER_ID === undefined && e.WHATSAPP_ACCESS_TOKEN === undefined)
    return null;
  if (e.WHATSAPP_PHONE_NUMBER_ID === undefined || e.WHATSAPP_ACCESS_TOKEN === undefined)
    throw new WhatsappConfigError(
      'invalid configuration: WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN go together',
    );
  return {
    apiUrl: e.WHATSAPP_API_URL ?? defaultWhatsappApiUrl,
    phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
    accessToken: e.WHATSAPP_ACCESS_TOKEN,
    templates: {
      orderConfirmed: e.WHATSAPP_TEMPLATE_ORDER_CONFIRMED ?? 'order_confirmed',
      orderDelivered: e.WHATSAPP_TEMPLATE_ORDER_DELIVERED ?? 'order_delivered',
      debtReminder: e.WHATSAPP_TEMPLATE_DEBT_REMINDER ?? 'debt_reminder',
    },
    language: e.WHATSAPP_LANGUAGE ?? 'en_US',
  };
};
