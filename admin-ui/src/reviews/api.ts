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
export type ReviewUnitReport = Schemas['ReviewUnitReport'];

/** Where an item (or a report line) is reviewed: a care unit (VMU) or a verksamhet (templates). */
export interface ReviewPlace {
  kind: 'VMU' | 'ACCESS';
  id: string;
  name: string;
}

export const placeOf = (
  item: Pick<
    ReviewItem,
    'kind' | 'careUnitId' | 'careUnitName' | 'accessOperationId' | 'accessOperationName'
  >,
): ReviewPlace =>
  item.kind === 'ACCESS'
    ? { kind: 'ACCESS', id: item.accessOperationId ?? '', name: item.accessOperationName ?? '' }
    : { kind: 'VMU', id: item.careUnitId ?? '', name: item.careUnitName ?? '' };

/** What an item is of: the assignment, or the template. */
export const holdingOf = (item: ReviewItem): string =>
  (item.kind === 'ACCESS' ? item.templateName : item.assignmentName) ?? '';
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
  reviewers: (id: string, place: ReviewPlace) =>
    get<Schemas['ReviewerCandidate'][]>(
      `/review-campaigns/${pathSegment(id)}/${place.kind === 'VMU' ? 'units' : 'operations'}/${pathSegment(place.id)}/reviewers`,
    ),
  assignReviewer: async (id: string, place: ReviewPlace, reviewerId: string): Promise<ReviewCampaignDetail> =>
    (
      await httpClient(`${API_URL}/review-campaigns/${pathSegment(id)}/reviewer`, {
        method: 'PUT',
        body: JSON.stringify(
          place.kind === 'VMU'
            ? { careUnitId: place.id, reviewerId }
            : { accessOperationId: place.id, reviewerId },
        ),
      })
    ).json as ReviewCampaignDetail,
  exportUrl: (id: string) => `${API_URL}/review-campaigns/${pathSegment(id)}/export`,
};
