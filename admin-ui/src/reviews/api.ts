import type { components } from '../api/schema';
import { API_URL, httpClient, jsonCalls, pathSegment } from '../common/http';

type Schemas = components['schemas'];
export type ReviewCampaign = Schemas['ReviewCampaign'];
export type ReviewCampaignDetail = Schemas['ReviewCampaignDetail'];
export type ReviewerPage = Schemas['ReviewerPage'];
export type ReviewItem = Schemas['ReviewItem'];
export type ReviewProgress = Schemas['ReviewProgress'];
export type NewCampaign = Schemas['CreateCampaignDto'];
export type ReviewDecision = 'KEEP' | 'REMOVE';
export interface DecisionLine {
  itemId: string;
  decision: ReviewDecision | null;
  comment?: string | null;
}

const { get, post } = jsonCalls(API_URL, httpClient);

/** The reviews API (docs/api-contract-reviews.md). */
export const reviewsApi = {
  campaigns: () => get<ReviewCampaign[]>('/review-campaigns'),
  campaign: (id: string) => get<ReviewCampaignDetail>(`/review-campaigns/${pathSegment(id)}`),
  create: (campaign: NewCampaign) => post<ReviewCampaignDetail>('/review-campaigns', campaign),
  page: (id: string) => get<ReviewerPage>(`/review-campaigns/${pathSegment(id)}/items`),
  decide: async (id: string, decisions: DecisionLine[]): Promise<ReviewProgress> =>
    (
      await httpClient(`${API_URL}/review-campaigns/${pathSegment(id)}/decisions`, {
        method: 'PUT',
        body: JSON.stringify({ decisions }),
      })
    ).json as ReviewProgress,
  signRequest: (id: string) =>
    post<Schemas['ReviewSignRequestAnswer']>(`/review-campaigns/${pathSegment(id)}/sign-requests`),
  signStatus: (requestId: string) =>
    get<{ status: 'PENDING' | 'SIGNED' | 'FAILED' | 'EXPIRED'; failureMessage?: string | null }>(
      `/signing/${pathSegment(requestId)}`,
    ),
  reviewers: (id: string, careUnitId: string) =>
    get<Schemas['ReviewerCandidate'][]>(
      `/review-campaigns/${pathSegment(id)}/units/${pathSegment(careUnitId)}/reviewers`,
    ),
  assignReviewer: async (id: string, careUnitId: string, reviewerId: string): Promise<ReviewCampaignDetail> =>
    (
      await httpClient(`${API_URL}/review-campaigns/${pathSegment(id)}/reviewer`, {
        method: 'PUT',
        body: JSON.stringify({ careUnitId, reviewerId }),
      })
    ).json as ReviewCampaignDetail,
  exportUrl: (id: string) => `${API_URL}/review-campaigns/${pathSegment(id)}/export`,
};
