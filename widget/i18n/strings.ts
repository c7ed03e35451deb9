/**
 * Built-in texts of the widget (buttons, errors, gender labels). Each language is its own module,
 * imported lazily, so a visitor downloads only the one in use. Error keys are the proxy's issue codes.
 * `{n}` is replaced by the limit from the field's config.
 */
export interface UiStrings {
  close: string;
  submit: string;
  next: string;
  skip: string;
  done: string;
  thanks: string;
  copy: string;
  copied: string;
  /** The wheel's button; `won` announces the prize (`{prize}` is its label). */
  spin: string;
  won: string;
  select: string;
  yes: string;
  no: string;
  country_code: string;
  form: string;
  gender_M: string;
  gender_F: string;
  gender_O: string;
  gender_N: string;
  gender_P: string;
  required: string;
  invalid_email: string;
  /** The proxy found bytes that are not UTF-8 (or a lone surrogate) in the value. */
  invalid_text: string;
  invalid_phone: string;
  invalid_number: string;
  invalid_date: string;
  invalid_option: string;
  too_short: string;
  too_long: string;
  too_small: string;
  too_large: string;
  not_integer: string;
  too_few: string;
  too_many: string;
  consent_required: string;
  error: string;
  offline: string;
  /** The proxy refused the Turnstile token, or none arrived in time. */
  turnstile_failed: string;
  /** A value of the wrong kind (a proxy code a well-behaved widget never causes). */
  invalid_value: string;
  email_or_phone: string;
  sign_in_required: string;
  phone_for_sms: string;
  email_for_email: string;
  /** A later step lost its link to the first one (expired or missing continuation). */
  restart: string;
  /** Required mark, when a form marks required fields by word. */
  required_word: string;
  /** Progress of a multi-step form: `{n}` is the step, `{m}` the number of steps. */
  step_of: string;
  /** Link that applies the coupon at checkout. */
  apply: string;
  /** Default label of a countdown. */
  ends_in: string;
}

export type StringKey = keyof UiStrings;
