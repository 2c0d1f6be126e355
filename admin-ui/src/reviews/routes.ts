/** Access reviews (issue 17): the campaigns, a new one, the reviewer's page and the report. */
export const reviewRoutes = {
  list: '/reviews',
  create: '/reviews/new',
  reviewPattern: '/reviews/:id',
  reportPattern: '/reviews/:id/report',
  review: (id: string) => `/reviews/${encodeURIComponent(id)}`,
  report: (id: string) => `/reviews/${encodeURIComponent(id)}/report`,
};
