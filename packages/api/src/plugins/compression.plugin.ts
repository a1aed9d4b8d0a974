import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import fp from 'fastify-plugin';

/**
 * gzip/br for bodies over 1 KiB, tuned rather than left at defaults (DESIGN.md: a 92 KB page
 * costs ~0.6 ms compressed in one go, ~2 ms through the streaming path). Bodies up to 256 KiB are
 * compressed synchronously; brotli runs at quality 4 (close to gzip-6 in CPU, smaller output).
 */
export const compressionPlugin = fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      syncThreshold: 256 * 1024,
      zlibOptions: { level: 6 },
      brotliOptions: {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      },
    });
  },
  { name: 'erpcore-compression' },
);
