import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { attachmentHeader } from '../common/csv-export.js';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditorReads, Delegator, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor, CurrentReader } from '../common/auth/request-auth.js';
import { isUuid } from '../common/uuid.js';
import { CreateCampaignDto } from './dto/create-campaign.dto.js';
import { SaveDecisionsDto } from './dto/decisions.dto.js';
import { AssignReviewerDto } from './dto/assign-reviewer.dto.js';
import { ReviewSigning } from './review-signing.js';
import { campaignNotFound } from './reviews.errors.js';
import { ReviewsService } from './reviews.service.js';
import {
  ReviewCampaign,
  ReviewCampaignDetail,
  ReviewerCandidate,
  ReviewerPage,
  ReviewProgress,
  ReviewSignRequestAnswer,
} from './reviews.types.js';

/** A campaign's id from the path: anything but a uuid names no campaign (404). */
function campaignId(id: string): string {
  if (!isUuid(id)) throw campaignNotFound();
  return id.toLowerCase();
}

/**
 * Access reviews ("Granskning av behörigheter", issue 17). Campaigns are created by
 * administrators and by heads of unit (verksamhet) for their own units (verksamheter); the
 * reviewer (the unit's or verksamhet's head, or who they hand it to) decides
 * and signs on the reviewer's page. Which campaign and item a person may see is the service's
 * check (their units, their items): another's is 404.
 */
@Controller('review-campaigns')
@ApiTags('reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly signing: ReviewSigning,
  ) {}

  /** Auditors read every campaign and its report (`@AuditorReads`). */
  @Get()
  @Delegator()
  @AuditorReads()
  @ApiOkResponse({ type: ReviewCampaign, isArray: true })
  list(@CurrentReader() actor: Actor): Promise<ReviewCampaign[]> {
    return this.reviews.list(actor);
  }

  @Post()
  @Delegator()
  @ApiCreatedResponse({
    type: ReviewCampaignDetail,
    description: 'Started at once when its start date is today.',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCampaignDto): Promise<ReviewCampaignDetail> {
    return this.reviews.create(actor, dto);
  }

  /**
   * The report as CSV: one line per item the reader may see, with its decision, who signed it when
   * and the revoke order (declared before `:id`'s reads of a sub-path; a path of its own).
   */
  @Get(':id/export')
  @Delegator()
  @AuditorReads()
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'The report, one line per item the reader may see (UTF-8 with BOM, semicolons, CRLF, Swedish headers): ' +
      '`granskning-<Stockholm date>.csv`.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async exportReport(
    @CurrentReader() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const chunks: string[] = [];
    const campaign = campaignId(id);
    // Read (and refused) before anything is sent: a refusal is a problem, not half a file.
    const { fileName } = await this.reviews.exportReport(actor, campaign, (chunk) => chunks.push(chunk));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(fileName));
    res.end(chunks.join(''));
  }

  @Get(':id')
  @Delegator()
  @AuditorReads()
  @ApiOkResponse({ type: ReviewCampaignDetail })
  detail(@CurrentReader() actor: Actor, @Param('id') id: string): Promise<ReviewCampaignDetail> {
    return this.reviews.detail(actor, campaignId(id));
  }

  /** Who may review a unit's items instead of its head (for its head or an administrator). */
  @Get(':id/units/:careUnitId/reviewers')
  @Delegator()
  @ApiOkResponse({ type: ReviewerCandidate, isArray: true })
  reviewerCandidates(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('careUnitId') careUnitId: string,
  ): Promise<ReviewerCandidate[]> {
    if (!isUuid(careUnitId)) throw campaignNotFound();
    return this.reviews.reviewerCandidates(actor, campaignId(id), { careUnitId: careUnitId.toLowerCase() });
  }

  /** Who may review a verksamhet's template items instead of its head (for its head or an administrator). */
  @Get(':id/operations/:accessOperationId/reviewers')
  @Delegator()
  @ApiOkResponse({ type: ReviewerCandidate, isArray: true })
  operationReviewerCandidates(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('accessOperationId') accessOperationId: string,
  ): Promise<ReviewerCandidate[]> {
    if (!isUuid(accessOperationId)) throw campaignNotFound();
    return this.reviews.reviewerCandidates(actor, campaignId(id), {
      accessOperationId: accessOperationId.toLowerCase(),
    });
  }

  /**
   * A unit's (verksamhet's) unsigned items to another reviewer with attest rights there (a
   * delegate with ATTEST).
   */
  @Put(':id/reviewer')
  @Delegator()
  @ApiOkResponse({ type: ReviewCampaignDetail })
  assignReviewer(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: AssignReviewerDto,
  ): Promise<ReviewCampaignDetail> {
    return this.reviews.assignReviewer(actor, campaignId(id), dto);
  }

  @Get(':id/items')
  @RightsHolder()
  @ApiOkResponse({ type: ReviewerPage, description: "The signed-in reviewer's items and progress." })
  items(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReviewerPage> {
    return this.reviews.reviewerPage(actor, campaignId(id));
  }

  @Put(':id/decisions')
  @RightsHolder()
  @ApiOkResponse({ type: ReviewProgress, description: 'Saved as drafts: no effect until signed.' })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: SaveDecisionsDto,
  ): Promise<ReviewProgress> {
    return this.reviews.saveDecisions(actor, campaignId(id), dto);
  }

  @Post(':id/sign-requests')
  @HttpCode(201)
  @RightsHolder()
  @ApiCreatedResponse({ type: ReviewSignRequestAnswer })
  sign(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReviewSignRequestAnswer> {
    return this.signing.createRequest(actor, campaignId(id));
  }
}
