import {
  settingsDecider,
  settingsStreamId,
  type SetLockDate,
  type SettingsEvent,
} from '@erpcore/domain';
import { map } from 'fp-ts/lib/Either.js';
import { useCase } from '../use-case.js';
import { settingsModel } from './settings-kinds.js';

/** Closes the books up to a date (null reopens them); the same date again appends nothing. */
export const setLockDate = useCase({
  name: 'set-lock-date',
  kinds: { settings: settingsModel },
  streams: (_c: SetLockDate) => ({ settings: settingsStreamId() }),
  decide: (states, command) =>
    map((settings: readonly SettingsEvent[]) => ({ settings }))(
      settingsDecider.decide(command, states.settings),
    ),
  replayStates: ['settings'],
  answer: (executed) => ({
    id: settingsStreamId(),
    revision: executed.roles.settings.revision,
    position: executed.position,
    extras: { lockDate: executed.roles.settings.state.lockDate },
  }),
});
