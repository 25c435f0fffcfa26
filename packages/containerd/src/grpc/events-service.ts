import type * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { resourceExhausted } from '@skiff/errors';
import type { EventsHandlers } from '@skiff/protos/generated/skiff/containerd/services/events/v1/Events';
import type { EventBus } from '../core/event-bus';
import { FiltersSchema } from './schemas';
import { toServiceError } from './status';
import { namespaceOf, unary } from './unary';

const EnvelopeRequestSchema = z.object({ envelope: z.record(z.string(), z.unknown()).nullable() });

/**
 * Events a subscriber has not taken yet. Beyond it the stream ends with RESOURCE_EXHAUSTED: a
 * stalled client costs bounded memory and never slows the bus.
 */
export const SUBSCRIBER_BACKLOG_LIMIT = 10_000;

/** skiff.containerd.services.events.v1.Events over the bus. */
export function eventsService(bus: EventBus): EventsHandlers {
  return {
    Publish: unary(EnvelopeRequestSchema, (r, ns) => {
      // Publish stamps its own time and namespace; Forward keeps the sender's.
      bus.forward({ ...(r.envelope ?? {}), namespace: ns, timestamp: null });
      return {};
    }),
    Forward: unary(EnvelopeRequestSchema, (r) => {
      bus.forward(r.envelope ?? {});
      return {};
    }),
    Subscribe: (call: grpc.ServerWritableStream<{ filters: string[] }, unknown>) => {
      let filters: string[];
      try {
        namespaceOf(call);
        filters = FiltersSchema.parse(call.request).filters;
      } catch (err) {
        call.emit('error', toServiceError(err));
        return;
      }
      let backlog = 0;
      const unsubscribe = bus.subscribe(filters, (envelope) => {
        if (backlog >= SUBSCRIBER_BACKLOG_LIMIT) {
          unsubscribe();
          call.emit('error', toServiceError(resourceExhausted(`subscriber fell ${SUBSCRIBER_BACKLOG_LIMIT} events behind`)));
          return;
        }
        backlog++;
        call.write(envelope, () => backlog--);
      });
      call.on('cancelled', unsubscribe);
      call.on('close', unsubscribe);
      call.on('error', unsubscribe);
    },
  } as EventsHandlers;
}
