import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminOnly, RightsHolder } from '../common/auth/policy.js';
import type { RawListQuery } from '../common/list-query.js';
import { CreateEngagementDto, UpdateEngagementDto } from './dto/engagement.dto.js';
import { CreateHeldAssignmentDto, UpdateHeldAssignmentDto } from './dto/held-assignment.dto.js';
import {
  type EngagementItem,
  EngagementsService,
  type HeldAssignmentItem,
  HeldAssignmentsService,
} from './engagements.service.js';
import { pageBody } from '../common/sql.js';

@Controller('engagements')
@RightsHolder()
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EngagementItem[]> {
    return pageBody(res, 'engagements', await this.engagements.list(query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<EngagementItem> {
    return this.engagements.get(id);
  }

  @Post()
  @AdminOnly()
  create(@Body() dto: CreateEngagementDto): Promise<EngagementItem> {
    return this.engagements.create(dto);
  }

  @Put(':id')
  @AdminOnly()
  update(@Param('id') id: string, @Body() dto: UpdateEngagementDto): Promise<EngagementItem> {
    return this.engagements.update(id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@Param('id') id: string): Promise<EngagementItem> {
    return this.engagements.remove(id);
  }
}

@Controller('held-assignments')
@RightsHolder()
export class HeldAssignmentsController {
  constructor(private readonly heldAssignments: HeldAssignmentsService) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HeldAssignmentItem[]> {
    return pageBody(res, 'held-assignments', await this.heldAssignments.list(query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<HeldAssignmentItem> {
    return this.heldAssignments.get(id);
  }

  @Post()
  @AdminOnly()
  create(@Body() dto: CreateHeldAssignmentDto): Promise<HeldAssignmentItem> {
    return this.heldAssignments.create(dto);
  }

  @Put(':id')
  @AdminOnly()
  update(@Param('id') id: string, @Body() dto: UpdateHeldAssignmentDto): Promise<HeldAssignmentItem> {
    return this.heldAssignments.update(id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@Param('id') id: string): Promise<HeldAssignmentItem> {
    return this.heldAssignments.remove(id);
  }
}
