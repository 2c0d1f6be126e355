import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { DevModeGuard } from '../common/dev-mode.guard.js';
import type { RawListQuery } from '../common/list-query.js';
import { CreateEngagementDto, UpdateEngagementDto } from './dto/engagement.dto.js';
import { CreateHeldAssignmentDto, UpdateHeldAssignmentDto } from './dto/held-assignment.dto.js';
import {
  type EngagementItem,
  EngagementsService,
  type HeldAssignmentItem,
  HeldAssignmentsService,
} from './engagements.service.js';
import { pageBody } from './sql.js';

@Controller('engagements')
@UseGuards(DevModeGuard)
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
  create(@Body() dto: CreateEngagementDto): Promise<EngagementItem> {
    return this.engagements.create(dto);
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() dto: UpdateEngagementDto): Promise<EngagementItem> {
    return this.engagements.update(id, dto);
  }

  @Delete(':id')
  remove(@Param('id') id: string): Promise<EngagementItem> {
    return this.engagements.remove(id);
  }
}

@Controller('held-assignments')
@UseGuards(DevModeGuard)
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
  create(@Body() dto: CreateHeldAssignmentDto): Promise<HeldAssignmentItem> {
    return this.heldAssignments.create(dto);
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() dto: UpdateHeldAssignmentDto): Promise<HeldAssignmentItem> {
    return this.heldAssignments.update(id, dto);
  }

  @Delete(':id')
  remove(@Param('id') id: string): Promise<HeldAssignmentItem> {
    return this.heldAssignments.remove(id);
  }
}
