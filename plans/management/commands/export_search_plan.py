import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plans.models import search_plan_template
from plans.template import tasks_for
from rolefit import spreadsheets


class Command(BaseCommand):
    help = "Print the search-plan template's tasks for a CRO or a CSO search."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", choices=["CRO", "CSO"], required=True)
        parser.add_argument("--lang", choices=["en", "es"], default="en")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        template = search_plan_template()
        phases = {phase.key: phase.title.get(options["lang"]) for phase in template.phases}
        rows = [
            {
                "phase": phases[task.phase],
                "task": task.title_es if options["lang"] == "es" else task.title_en,
                "due_after_days": task.due_after_days,
            }
            for task in tasks_for(template, options["role"])
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        fields = ["phase", "task", "due_after_days"]
        writer = spreadsheets.writer(self.stdout)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([row[field] for field in fields])
