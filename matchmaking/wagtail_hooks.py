"""Admin and hooks of the matchmaking: demo content, the expressions of interest (editors see
all; an organisation sees its own in the portal), the portal views and the dashboard panel."""

from wagtail import hooks

from matchmaking import demo


@hooks.register("build_demo_content")
def build_demo_opportunities(loader, indexes):
    demo.build(loader, indexes)


@hooks.register("demo_content_loaded")
def rebuild_match_profiles(loader):
    from matchmaking.matching import rebuild_all

    rebuild_all()


@hooks.register("scale_data_arguments")
def scale_data_arguments(parser):
    from matchmaking import scale

    scale.add_arguments(parser)


@hooks.register("generate_scale_data")
def generate_scale_opportunities(command, rng, base, organisations, options):
    from matchmaking import scale

    scale.generate(command, rng, base, organisations, options)
