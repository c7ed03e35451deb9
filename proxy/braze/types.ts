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
