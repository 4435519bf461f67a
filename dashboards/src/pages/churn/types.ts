/** The customer and alert shapes the API answers (see api/routes/customers.routes.ts). */
export interface CustomerItem {
  id: string;
  crmId: string;
  name: string;
  tier: string | null;
  plan: string | null;
  region: string | null;
  owner: string | null;
  value: number | null;
  risk: { score: number; trend: number; computedAt: string | null };
  sparkline?: number[];
}

export interface Segment {
  segment: string | null;
  customers: number;
  atRisk: number;
  value: number;
  valueAtRisk: number;
  avgRisk: number;
}

export interface Identity {
  customer: { id: string; name: string };
  author: {
    id: string;
    platform: string;
    handle: string;
    name: string | null;
    profileUrl: string | null;
  };
  status: 'suggested' | 'confirmed' | 'rejected';
  method: string;
  confidence: number;
  evidence: { method: string; confidence: number; detail: string }[];
  mentions: number;
}
