/** The parts of Braze's `/users/track` body Inlet writes. See braze-api.md §2. */
export type BrazeAttributeValue = string | number | boolean | null | string[] | { add: string[] } | { remove: string[] } | BrazeSubscriptionGroup[];

export interface BrazeSubscriptionGroup {
  subscription_group_id: string;
  subscription_state: 'subscribed' | 'unsubscribed';
  use_double_opt_in_logic?: boolean;
}

export interface BrazeIdentifier {
  external_id?: string;
  email?: string;
  phone?: string;
}

export type BrazeAttributesObject = BrazeIdentifier & { [attribute: string]: BrazeAttributeValue | undefined };

export interface BrazeEvent extends BrazeIdentifier {
  name: string;
  time: string;
  properties?: Record<string, unknown>;
}

export interface UsersTrackBody {
  attributes?: BrazeAttributesObject[];
  events?: BrazeEvent[];
  purchases?: Record<string, unknown>[];
}

export interface UsersTrackError {
  type: string;
  input_array: 'attributes' | 'events' | 'purchases';
  index: number;
}

/** How Braze picks one profile among several sharing an email (braze-api.md §6, §7). */
export type Prioritization = 'identified' | 'unidentified' | 'most_recently_updated' | 'least_recently_updated';

/** One recipient of `/campaigns/trigger/send` or `/canvas/trigger/send` (braze-api.md §6). */
export interface TriggerRecipient {
  email?: string;
  external_user_id?: string;
  /** Required with `email`. */
  prioritization?: Prioritization[];
  /** Defaults to true at Braze; `false` needs `attributes`, applied (creating the profile if needed) before the send. */
  send_to_existing_only?: boolean;
  attributes?: BrazeAttributesObject;
  /** Campaign properties for this recipient. */
  trigger_properties?: Record<string, string>;
  /** Canvas properties for this recipient (older docs: `canvas_entry_properties`). */
  context?: Record<string, string>;
  canvas_entry_properties?: Record<string, string>;
}

export interface CampaignTriggerBody {
  campaign_id: string;
  trigger_properties?: Record<string, string>;
  /** At most 50. */
  recipients: TriggerRecipient[];
}

export interface CanvasTriggerBody {
  canvas_id: string;
  context?: Record<string, string>;
  canvas_entry_properties?: Record<string, string>;
  /** At most 50. */
  recipients: TriggerRecipient[];
}
