import { ZStoryInput, type StoryInput } from "../../domain/capture/schemas.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";

export type StoredStory = Prisma.StoryGetPayload<object>;

/**
 * Stores a story. `sourceKey` is Slack's view id: the same submission twice returns the first story
 * (`created: false`). Throws a ZodError for invalid input.
 */
export async function recordStory({ db, teamId }: TeamScope, opts: { sourceKey: string; input: StoryInput }): Promise<{ story: StoredStory; created: boolean }> {
  const input = ZStoryInput.parse(opts.input);
  try {
    const story = await db.story.create({
      data: {
        teamId,
        sourceKey: opts.sourceKey,
        kind: input.kind,
        title: input.title,
        happened: input.happened,
        learned: input.learned,
        customer: input.customer || null,
        metricImpact: input.metricImpact || null,
        authorId: input.authorId,
      },
    });
    return { story, created: true };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const story = await db.story.findUniqueOrThrow({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
      return { story, created: false };
    }
    throw e;
  }
}
