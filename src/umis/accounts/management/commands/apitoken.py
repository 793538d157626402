from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.accounts.models import User
from umis.accounts.tokens import api_token_issue
from umis.core.permissions import Actor


class Command(BaseCommand):
    help = "Issue an API bearer token for an account (shown once)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account named {options['username']!r}.")
        token = api_token_issue(actor=Actor.system("apitoken"), user=user, name=options["name"])
        self.stdout.write(token)
