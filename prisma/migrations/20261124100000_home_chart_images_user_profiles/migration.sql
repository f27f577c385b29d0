-- App Home (issue #8): uploaded chart images reused per workspace and key, and each user's followed teams.
CREATE TABLE "ChartImage" (
    "teamId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "altText" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChartImage_pkey" PRIMARY KEY ("teamId", "key")
);

CREATE TABLE "UserProfile" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teams" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("teamId", "userId")
);
