# Goals are clinical free text; the Django admin (run by the installation's operators, who
# belong to no practice) deliberately gets no view of them.
