import type { WhatsappConfig } from './whatsapp-config.js';
import { postJson, webhookTimeoutMs } from '../post-json.js';

/** One template message: to whom, which template, its body parameters in order. */
export interface TemplateMessage {
  /** The phone as stored (`+54 9 11 5555-0000`); sent as digits only, country code first. */
  readonly phone: string;
  readonly template: string;
  readonly parameters: readonly string[];
}

/** The digits the Cloud API wants in `to`, or undefined when too few to be a number. */
export const whatsappRecipient = (phone: string): string | undefined => {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? digits : undefined;
};

/** The Graph API request body (`POST /{phone-number-id}/messages`). */
export const templateMessageBody = (
  config: WhatsappConfig,
  to: string,
  message: TemplateMessage,
) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: {
    name: message.template,
    language: { code: config.language },
    components: [
      {
        type: 'body',
        parameters: message.parameters.map((text) => ({ type: 'text', text })),
      },
    ],
  },
});

/**
 * Sends one template message: 10 s timeout; 429, 408, 5xx, network errors and timeouts throw a
 * retryable error, any other 4xx an UnrecoverableError (a bad number or template stays bad).
 */
export const sendTemplateMessage = async (
  config: WhatsappConfig,
  to: string,
  message: TemplateMessage,
  signal: AbortSignal,
  timeoutMs = webhookTimeoutMs,
): Promise<void> =>
  postJson(
    `${config.apiUrl}/${config.phoneNumberId}/messages`,
    templateMessageBody(config, to, message),
    {
      timeoutMs,
      signal,
      // The token goes in this header only; no log line or error message carries it.
      headers: { authorization: `Bearer ${config.accessToken}` },
      label: 'WhatsApp API',
    },
  );
