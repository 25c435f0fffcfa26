// Original file: skiff/containerd/services/events/v1/events.proto


export interface SubscribeRequest {
  /**
   * Filters as described in protos/README.md, on the envelope's fields: "topic==/tasks/exit",
   * "namespace==default", "topic~=^/tasks/". An event is sent when any filter matches; none
   * sends every event.
   */
  'filters'?: (string)[];
}

export interface SubscribeRequest__Output {
  /**
   * Filters as described in protos/README.md, on the envelope's fields: "topic==/tasks/exit",
   * "namespace==default", "topic~=^/tasks/". An event is sent when any filter matches; none
   * sends every event.
   */
  'filters': (string)[];
}
