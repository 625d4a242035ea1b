"""Pages composed from several apps' flows: the knowledge-flow map, its CSV, the exchange between
networks (the desk's page, under its path), "what works here"."""

from django.urls import path

from . import flow_views

app_name = "plc_platform"

urlpatterns = [
    path("networks/<slug:slug>/flows/", flow_views.network_flows, name="network_flows"),
    path("networks/<slug:slug>/flows.csv", flow_views.network_flows_csv, name="network_flows_csv"),
    path("consortia/<slug:slug>/flows/", flow_views.consortium_flows, name="consortium_flows"),
    path("consortia/<slug:slug>/flows.csv", flow_views.consortium_flows_csv, name="consortium_flows_csv"),
    path("brokerage/consortia/<slug:slug>/exchange/", flow_views.network_exchange, name="network_exchange"),
    path("brokerage/consortia/<slug:slug>/exchange.csv", flow_views.network_exchange_csv, name="network_exchange_csv"),
    path("consortia/<slug:slug>/what-works/", flow_views.what_works, name="what_works"),
]
