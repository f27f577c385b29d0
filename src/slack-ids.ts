/**
 * Every Slack identifier the app handles, in one place: listeners register these, views render them,
 * and test/manifest.test.ts checks manifest.yml declares them.
 */
export const COMMANDS = { insight: "/insight", story: "/story", kpi: "/kpi" } as const;

export const SHORTCUTS = {
  saveInsight: "save_insight",
  shareStory: "share_story",
} as const;

export const VIEWS = {
  insight: "insight_modal",
  story: "story_modal",
} as const;

export const ACTIONS = {
  searchPage: "insight_search_page",
  openInsightModal: "home_open_insight",
  openStoryModal: "home_open_story",
  homeSettings: "home_settings",
  homeFollowTeams: "home_follow_teams",
  /** One per team: the block_id says which team (`home_route:<team>`). */
  homeRoute: "home_route",
  homeEditScale: "home_edit_scale",
  homeActivityWindow: "home_activity_window",
  /** App Home admins: a users_select that names a person, a static_select that names the user group. */
  homeAdminAddUser: "home_admin_add_user",
  homeAdminGroup: "home_admin_group",
  /** A remove button beside a named person or group; its value is their Slack id. */
  homeAdminRemove: "home_admin_remove",
  /** On a posted insight; the block_id says which insight (`insight_work:<insightId>`). */
  insightStatus: "insight_status",
  insightOwner: "insight_owner",
  /** Opens the link-and-resolution modal; its value is the insight id. */
  insightLink: "insight_link",
  /** In a close-the-loop DM; its value is the LoopClosure id. */
  loopTold: "loop_told",
  /** App Home's open voices; the block_id says which insight (`${HOME_WORK_BLOCK}:<insightId>`). */
  homeInsightStatus: "home_insight_status",
  homeInsightOwner: "home_insight_owner",
  /** Opens the theme modal (App Home and /insight themes); its value is the theme's name. */
  themeOpen: "theme_open",
  /** App Home's themes: rank by customers or by value at risk (a static_select; the choice is kept per person). */
  homeThemeSort: "home_theme_sort",
  /** On an alert post (#17): "I'll reach out" takes the customer; "Open customer" shows their predictions. Value: external id. */
  alertTakeCustomer: "alert_take_customer",
  alertOpenCustomer: "alert_open_customer",
  /** A link button to the voice's post (Slack still sends a block action; it is acked and nothing else). */
  alertOpenVoice: "alert_open_voice",
  /** On a voice whose customer was typed, not picked: opens the link-to-customer modal; its value is the insight id. */
  insightLinkCustomer: "insight_link_customer",
  /** The duplicate offer after a quick /insight: "same as this one" (value: the draft and the voice) and "log as new". */
  captureSameAs: "capture_same_as",
  captureLogNew: "capture_log_new",
} as const;

/** Modals of customer linking (kept apart from VIEWS, which the manifest test pins). */
export const CAPTURE_VIEWS = {
  linkCustomer: "insight_link_customer_modal",
} as const;

/**
 * Block and action ids of customer linking. The customer pickers of the insight modal and the link modal share the
 * action id INSIGHT_FIELDS.customer, so one options listener answers both; `duplicateOf` is the insight modal's
 * "same as a voice already logged?" choice.
 */
export const CAPTURE_FIELDS = { duplicateOf: "duplicate_of" } as const;

/** The actions block of one open voice in App Home: `${HOME_WORK_BLOCK}:<insightId>`. */
export const HOME_WORK_BLOCK = "home_work";

/** The actions block on a posted insight: `${INSIGHT_WORK_BLOCK}:<insightId>`. */
export const INSIGHT_WORK_BLOCK = "insight_work";

/** Modals opened from a posted insight's buttons (kept apart from VIEWS, which the manifest test pins). */
export const WORK_VIEWS = {
  insightLink: "insight_link_modal",
  theme: "theme_work_modal",
} as const;

/** Block and action ids inside the theme modal (link and resolution reuse WORK_FIELDS_IDS). */
export const THEME_FIELDS_IDS = { status: "theme_status" } as const;

/** Block and action ids inside the link-and-resolution modal. */
export const WORK_FIELDS_IDS = { link: "link", resolution: "resolution" } as const;

/** Modals opened from App Home (kept apart from VIEWS, which the manifest test pins). */
export const HOME_VIEWS = {
  ratingScale: "home_rating_scale",
} as const;

/** Block and action ids inside the App Home rating-scale modal. */
export const HOME_SCALE_FIELDS = { emoji: "emoji", points: "points" } as const;

/** Events the app subscribes to (bot events in the manifest). */
export const EVENTS = ["reaction_added", "reaction_removed", "app_home_opened", "message.channels", "message.groups", "app_uninstalled", "tokens_revoked"] as const;

/** Block and action ids inside the insight modal. */
export const INSIGHT_FIELDS = {
  customer: "customer",
  source: "source",
  sentiment: "sentiment",
  themesExisting: "themes_existing",
  themesNew: "themes_new",
  quote: "quote",
  context: "context",
  teams: "teams",
} as const;

export const STORY_FIELDS = {
  kind: "kind",
  title: "title",
  happened: "happened",
  learned: "learned",
  customer: "customer",
  metricImpact: "metric_impact",
  channel: "channel",
} as const;

/** Buttons on an at-risk customer's row and in the answers to them; the value is the customer's external id. */
export const OUTREACH_ACTIONS = { take: "outreach_take", takeOver: "outreach_take_over", log: "outreach_log" } as const;

/** The log-outreach modal (kept apart from VIEWS, which the manifest test pins), and its block/action ids. */
export const OUTREACH_VIEWS = { log: "outreach_log_modal" } as const;
export const OUTREACH_FIELDS = { channel: "channel", date: "date", note: "note" } as const;

/**
 * App Home's alert and target controls (#17, admins): "Add alert" and "Set target" open a modal; a Remove button's value
 * is the alert subscription's id, or `<kpi>|<segment>` for a target.
 */
export const ALERT_HOME_ACTIONS = {
  addAlert: "home_alert_add",
  removeAlert: "home_alert_remove",
  setTarget: "home_target_set",
  removeTarget: "home_target_remove",
} as const;

/** The "Add alert" and "Set target" modals (kept apart from VIEWS, which the manifest test pins). */
export const ALERT_VIEWS = { addAlert: "home_alert_modal", setTarget: "home_target_modal" } as const;

/** Block and action ids of the "Add alert" modal: each threshold field is read as the `/kpi alerts add` option of its name. */
export const ALERT_FIELDS = {
  kind: "kind",
  channel: "channel",
  palive: "palive",
  revenue: "revenue",
  clv: "clv",
  move: "move",
  team: "team",
  quiet: "quiet",
  tz: "tz",
  group: "group",
} as const;

/** Block and action ids of the "Set target" modal. */
export const TARGET_FIELDS = { kpi: "kpi", value: "value", segment: "segment" } as const;
