import * as t from 'io-ts';
import { strictObject } from './decode.js';
import { intFromString } from '../config/env-codecs.js';

/** `limit` 1–500 (default 50) and an opaque `cursor`, as every list takes them. */
export const listQueryProps = {
  limit: intFromString('Limit', 1, 500),
  cursor: t.refinement(t.string, (s) => s.length > 0 && s.length <= 512, 'Cursor'),
};

export const ListQueryC = strictObject('ListQuery', {}, listQueryProps);

export const defaultListLimit = 50;
