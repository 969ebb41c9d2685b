import { type ActionHandler, ok } from './panel-answer.js';

/**
 * `services`: the catalogue with money as strings and limits as strings, the most common
 * shape on real panels (`{"service": 1, "rate": "0.90", "min": "50", ...}`).
 */
export const handleServices: ActionHandler = ({ store }) =>
  ok(
    [...store.services.values()].map((service) => ({
      service: service.id,
      name: service.name,
      type: service.type,
      category: service.category,
      rate: service.rate,
      min: String(service.min),
      max: String(service.max),
      refill: service.refill,
      cancel: service.cancel,
      dripfeed: service.dripfeed,
      ...(service.description === undefined ? {} : { desc: service.description }),
    })),
  );
