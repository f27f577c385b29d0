-- How App Home ranks themes for each person: by distinct customers (default) or by customer value at risk.
ALTER TABLE "UserProfile" ADD COLUMN "themeSort" TEXT NOT NULL DEFAULT 'customers';
