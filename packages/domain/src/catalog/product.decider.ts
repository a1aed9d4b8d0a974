import * as E from 'fp-ts/lib/Either.js';
import type { ProductId } from '../shared/id.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { ProductCommand } from './product.commands.js';
import type { ProductEvent } from './product.events.js';
import type { Name, Unit } from './names.js';

/** A product stream's state: other contexts load it to refuse `unknown_product`. */
export type ProductState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly id: ProductId; readonly name: Name; readonly unit: Unit };

/** Decides on the commands of one product stream. */
export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    switch (command.type) {
      case 'CreateProduct':
        return state.status === 'absent'
          ? E.right([
              {
                type: 'ProductCreated',
                data: { id: command.id, name: command.name, unit: command.unit },
              },
            ])
          : E.left(domainError('already_exists', `product ${command.id} already exists`));
      default:
        return assertNever(command.type);
    }
  },
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ProductCreated':
        return { status: 'active', ...event.data };
      default:
        return assertNever(event.type);
    }
  },
};
