import * as E from 'fp-ts/lib/Either.js';
import type { Id, WarehouseId } from '../shared/id.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { WarehouseCommand } from './warehouse.commands.js';
import type { WarehouseEvent } from './warehouse.events.js';
import type { Name } from './names.js';

/** A warehouse stream's state: other contexts load it to refuse `unknown_warehouse`. */
export type WarehouseState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active';
      readonly id: WarehouseId;
      readonly name: Name;
      readonly branchId: Id | null;
    };

/** Decides on the commands of one warehouse stream. */
export const warehouseDecider: Decider<WarehouseCommand, WarehouseEvent, WarehouseState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    switch (command.type) {
      case 'CreateWarehouse':
        return state.status === 'absent'
          ? E.right([
              {
                type: 'WarehouseCreated',
                data: { id: command.id, name: command.name, branchId: command.branchId },
              },
            ])
          : E.left(domainError('already_exists', `warehouse ${command.id} already exists`));
      default:
        return assertNever(command.type);
    }
  },
  evolve: (_state, event) => {
    switch (event.type) {
      case 'WarehouseCreated':
        return { status: 'active', ...event.data };
      default:
        return assertNever(event.type);
    }
  },
};
