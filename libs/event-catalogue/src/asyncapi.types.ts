/** The part of AsyncAPI 3.0.0 the catalogue writes; see https://www.asyncapi.com/docs/reference/specification/v3.0.0. */
export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly info: AsyncApiInfo;
  readonly defaultContentType: string;
  readonly servers: Readonly<Record<string, AsyncApiServer>>;
  readonly channels: Readonly<Record<string, AsyncApiChannel>>;
  readonly operations: Readonly<Record<string, AsyncApiOperation>>;
  readonly components: {
    readonly messages: Readonly<Record<string, AsyncApiMessage>>;
    readonly schemas: Readonly<Record<string, SchemaObject>>;
  };
}

export interface AsyncApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly 'x-frm-delivery': DeliveryGuarantees;
  readonly 'x-frm-example-consumer': string;
}

/** What a consumer can rely on, as short statements the page lists. */
export interface DeliveryGuarantees {
  readonly delivery: string;
  readonly deduplication: string;
  readonly ordering: string;
  readonly retention: string;
  readonly replay: string;
  readonly personalData: string;
}

export interface AsyncApiServer {
  readonly host: string;
  readonly protocol: 'kafka';
  readonly description: string;
  readonly variables?: Readonly<Record<string, { readonly description: string; readonly examples?: readonly string[] }>>;
}

export interface Reference {
  readonly $ref: string;
}

export interface AsyncApiChannel {
  readonly address: string;
  readonly title: string;
  readonly description: string;
  readonly messages: Readonly<Record<string, Reference>>;
  readonly bindings: { readonly kafka: KafkaChannelBinding };
}

export interface KafkaChannelBinding {
  readonly topic: string;
  readonly partitions: number;
  readonly topicConfiguration: {
    readonly 'cleanup.policy': readonly ('delete' | 'compact')[];
    readonly 'retention.ms': number;
  };
  readonly bindingVersion: '0.5.0';
  /** Where the partition count and topic configuration come from, in words. */
  readonly 'x-frm-configured-by': string;
}

export interface AsyncApiOperation {
  readonly action: 'receive' | 'send';
  readonly channel: Reference;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly messages: readonly Reference[];
}

export interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary?: string;
  readonly description?: string;
  readonly contentType: string;
  readonly headers: SchemaObject | Reference;
  readonly payload: SchemaObject | Reference;
  readonly correlationId?: { readonly location: string; readonly description: string };
  readonly bindings: { readonly kafka: { readonly key: SchemaObject; readonly bindingVersion: '0.5.0' } };
}

/** An AsyncAPI schema object: JSON Schema draft 7 plus `x-` extensions. */
export interface SchemaObject {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly title?: string;
  readonly description?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly const?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly contentEncoding?: string;
  readonly properties?: Readonly<Record<string, SchemaObject | Reference>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaObject | Reference;
  readonly items?: SchemaObject | Reference;
  /** With one reference: a field whose type is a message or enum, described where it is used. */
  readonly allOf?: readonly Reference[];
  readonly 'x-protobuf-message'?: string;
  readonly 'x-protobuf-field'?: ProtobufFieldFacts;
  readonly 'x-protobuf-enum'?: string;
  /** Each enum value's meaning, where the .proto comments one. */
  readonly 'x-enum-descriptions'?: Readonly<Record<string, string>>;
}

/** Where a JSON property sits in the protobuf message, for readers of the binary form. */
export interface ProtobufFieldFacts {
  readonly name: string;
  readonly number: number;
  /** `string`, `int64`, `frm.events.v1.VoteHold`, `google.protobuf.Timestamp`… */
  readonly type: string;
  readonly label: 'singular' | 'optional' | 'repeated' | 'map';
  readonly oneof?: string;
}
