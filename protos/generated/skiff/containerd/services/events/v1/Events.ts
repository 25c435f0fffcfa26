// Original file: skiff/containerd/services/events/v1/events.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Envelope as _skiff_events_v1_Envelope, Envelope__Output as _skiff_events_v1_Envelope__Output } from '../../../../../skiff/events/v1/Envelope';
import type { ForwardRequest as _skiff_containerd_services_events_v1_ForwardRequest, ForwardRequest__Output as _skiff_containerd_services_events_v1_ForwardRequest__Output } from '../../../../../skiff/containerd/services/events/v1/ForwardRequest';
import type { ForwardResponse as _skiff_containerd_services_events_v1_ForwardResponse, ForwardResponse__Output as _skiff_containerd_services_events_v1_ForwardResponse__Output } from '../../../../../skiff/containerd/services/events/v1/ForwardResponse';
import type { PublishRequest as _skiff_containerd_services_events_v1_PublishRequest, PublishRequest__Output as _skiff_containerd_services_events_v1_PublishRequest__Output } from '../../../../../skiff/containerd/services/events/v1/PublishRequest';
import type { PublishResponse as _skiff_containerd_services_events_v1_PublishResponse, PublishResponse__Output as _skiff_containerd_services_events_v1_PublishResponse__Output } from '../../../../../skiff/containerd/services/events/v1/PublishResponse';
import type { SubscribeRequest as _skiff_containerd_services_events_v1_SubscribeRequest, SubscribeRequest__Output as _skiff_containerd_services_events_v1_SubscribeRequest__Output } from '../../../../../skiff/containerd/services/events/v1/SubscribeRequest';

/**
 * Events is skiff-containerd's event bus: what its own services emit (containers), what the
 * shims emit (tasks, forwarded from each shim's Events stream), and what clients publish.
 */
export interface EventsClient extends grpc.Client {
  /**
   * Forward an event that already happened elsewhere (a relay, another containerd): the
   * envelope's timestamp and namespace are kept; only the sequence is renumbered.
   */
  Forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Forward an event that already happened elsewhere (a relay, another containerd): the
   * envelope's timestamp and namespace are kept; only the sequence is renumbered.
   */
  forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _skiff_containerd_services_events_v1_ForwardRequest, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Publish an event from a client. containerd stamps the timestamp, the namespace (from the
   * "skiff-namespace" metadata) and the sequence, overwriting what the envelope carried.
   */
  Publish(argument: _skiff_containerd_services_events_v1_PublishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _skiff_containerd_services_events_v1_PublishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _skiff_containerd_services_events_v1_PublishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _skiff_containerd_services_events_v1_PublishRequest, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Publish an event from a client. containerd stamps the timestamp, the namespace (from the
   * "skiff-namespace" metadata) and the sequence, overwriting what the envelope carried.
   */
  publish(argument: _skiff_containerd_services_events_v1_PublishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _skiff_containerd_services_events_v1_PublishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _skiff_containerd_services_events_v1_PublishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _skiff_containerd_services_events_v1_PublishRequest, callback: grpc.requestCallback<_skiff_containerd_services_events_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stream every event published from now on that matches the filters, in order. The stream
   * starts with no backlog: a subscriber that missed events resyncs with List calls (a task's
   * exit stays visible through tasks.v1 Get/List until the task is deleted).
   */
  Subscribe(argument: _skiff_containerd_services_events_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  Subscribe(argument: _skiff_containerd_services_events_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  /**
   * Stream every event published from now on that matches the filters, in order. The stream
   * starts with no backlog: a subscriber that missed events resyncs with List calls (a task's
   * exit stays visible through tasks.v1 Get/List until the task is deleted).
   */
  subscribe(argument: _skiff_containerd_services_events_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  subscribe(argument: _skiff_containerd_services_events_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  
}

/**
 * Events is skiff-containerd's event bus: what its own services emit (containers), what the
 * shims emit (tasks, forwarded from each shim's Events stream), and what clients publish.
 */
export interface EventsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Forward an event that already happened elsewhere (a relay, another containerd): the
   * envelope's timestamp and namespace are kept; only the sequence is renumbered.
   */
  Forward: grpc.handleUnaryCall<_skiff_containerd_services_events_v1_ForwardRequest__Output, _skiff_containerd_services_events_v1_ForwardResponse>;
  
  /**
   * Publish an event from a client. containerd stamps the timestamp, the namespace (from the
   * "skiff-namespace" metadata) and the sequence, overwriting what the envelope carried.
   */
  Publish: grpc.handleUnaryCall<_skiff_containerd_services_events_v1_PublishRequest__Output, _skiff_containerd_services_events_v1_PublishResponse>;
  
  /**
   * Stream every event published from now on that matches the filters, in order. The stream
   * starts with no backlog: a subscriber that missed events resyncs with List calls (a task's
   * exit stays visible through tasks.v1 Get/List until the task is deleted).
   */
  Subscribe: grpc.handleServerStreamingCall<_skiff_containerd_services_events_v1_SubscribeRequest__Output, _skiff_events_v1_Envelope>;
  
}

export interface EventsDefinition extends grpc.ServiceDefinition {
  Forward: MethodDefinition<_skiff_containerd_services_events_v1_ForwardRequest, _skiff_containerd_services_events_v1_ForwardResponse, _skiff_containerd_services_events_v1_ForwardRequest__Output, _skiff_containerd_services_events_v1_ForwardResponse__Output>
  Publish: MethodDefinition<_skiff_containerd_services_events_v1_PublishRequest, _skiff_containerd_services_events_v1_PublishResponse, _skiff_containerd_services_events_v1_PublishRequest__Output, _skiff_containerd_services_events_v1_PublishResponse__Output>
  Subscribe: MethodDefinition<_skiff_containerd_services_events_v1_SubscribeRequest, _skiff_events_v1_Envelope, _skiff_containerd_services_events_v1_SubscribeRequest__Output, _skiff_events_v1_Envelope__Output>
}
