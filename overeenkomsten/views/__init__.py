from django.http import HttpResponse
from django.views import View


class _Stub(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("")


LeerlingDetailView = OvereenkomstDetailView = LinkGoedkeurenView = _Stub
