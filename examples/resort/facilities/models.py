from django.db import models


class Building(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A maintenance unit of a building; each guest room is fitted to at most one."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(max_length=20, unique=True)


class Device(models.Model):
    """A sensor or a lock fitted to a unit; it reports faults."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="devices")
    serial = models.CharField(max_length=40, unique=True)
