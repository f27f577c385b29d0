-- How Japanese messages count customers: people (人), companies (社) for B2B, or items (件).
ALTER TABLE "Workspace" ADD COLUMN "customerCounter" TEXT NOT NULL DEFAULT 'people';
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_customerCounter_check" CHECK ("customerCounter" IN ('people', 'companies', 'items'));
