/** An open voice (new, acknowledged, planned) as App Home lists it: the words, and its follow-up. */
export interface OpenVoice {
  id: string;
  customer: string;
  quote: string;
  sentiment: string;
  teams: string[];
  themes: string[];
  status: string;
  ownerId: string | null;
  link: string | null;
  resolution: string | null;
  createdAt: Date;
}
